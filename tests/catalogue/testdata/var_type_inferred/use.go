package main

import "example.com/cat/p"

func main() {
	var p1 *int = &p.V
	*p1 = 1
}
