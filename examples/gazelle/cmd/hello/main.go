// Command hello prints a greeting. Commands have no API and get no check.
package main

import (
	"fmt"

	"example.com/gz/greet"
)

func main() { fmt.Println(greet.Hello("world")) }
