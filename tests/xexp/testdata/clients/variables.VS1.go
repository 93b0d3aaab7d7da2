// A client of variables.VS1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/variables"

func init() { p.VS1 = struct{ A, B int }{1, 2} }

func main() {}
