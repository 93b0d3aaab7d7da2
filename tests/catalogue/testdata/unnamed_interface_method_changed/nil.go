package main

import "example.com/cat/p"

func main() {
	_ = p.V == nil
}
