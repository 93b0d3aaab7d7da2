package main

import "example.com/cat/p"

func main() {
	if p.V != nil {
		p.V.M()
	}
}
