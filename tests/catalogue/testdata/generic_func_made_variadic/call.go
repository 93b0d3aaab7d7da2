package main

import "example.com/cat/p"

func main() {
	p.F(1)
	p.F[string]("a")
}
