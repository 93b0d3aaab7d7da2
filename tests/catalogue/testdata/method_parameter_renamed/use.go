package main

import "example.com/cat/p"

func main() {
	var f func(p.T, int) = p.T.M
	f(p.T{}, 1)
	var _ interface{ M(int) } = p.T{}
}
