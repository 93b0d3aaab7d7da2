package main

import "example.com/cat/p"

func main() {
	p.T{}.M()
}
