package main

import "example.com/cat/p"

func main() {
	var x p.T = "a"
	_ = string(x)
	_ = p.T("b") + x
}
