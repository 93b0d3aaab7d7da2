package main

import "example.com/cat/p"

func main() {
	p.V.A = 1
	_ = p.V.A
	v := p.V
	p.V = v
}
