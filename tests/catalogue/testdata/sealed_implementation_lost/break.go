package main

import "example.com/cat/p"

func main() {
	var i p.I = p.T{}
	i.M()
}
