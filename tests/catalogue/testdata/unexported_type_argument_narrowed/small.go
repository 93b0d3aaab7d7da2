package main

import "example.com/cat/p"

func main() {
	p.V.F = 3
}
