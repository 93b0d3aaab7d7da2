package main

import (
	"fmt"

	"example.com/cat/p"
)

func main() { fmt.Fprint(p.F(), "x") }
