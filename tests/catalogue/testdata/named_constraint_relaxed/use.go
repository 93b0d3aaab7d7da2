package main

import "example.com/cat/p"

func main() { _ = p.Sum(1, 2) + 1 }
