// A client of variables.V11: compiles against the old version and not against the new.
package main

import p "example.com/xexp/variables"

func init() { p.V11.M() }

func main() {}
