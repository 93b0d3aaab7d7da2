package main

import "example.com/cat/p"

func main() { p.C() <- 1 }
