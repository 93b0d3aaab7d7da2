// A client of variables.V7: compiles against the old version and not against the new.
package main

import p "example.com/xexp/variables"

var c <-chan int

func init() { p.V7 = c }

func main() {}
