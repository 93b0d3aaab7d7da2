package main

import "example.com/cat/p"

func half[T p.Number](x T) float64 { return float64(x) / 2 }

func main() { _ = half(3) }
