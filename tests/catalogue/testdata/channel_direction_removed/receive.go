package main

import "example.com/cat/p"

func main() {
	select {
	case <-p.C():
	default:
	}
}
