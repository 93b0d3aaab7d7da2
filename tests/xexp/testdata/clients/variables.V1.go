// A client of variables.V1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/variables"

func init() { p.V1 = "a" }

func main() {}
