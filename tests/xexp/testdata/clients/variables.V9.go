// A client of variables.V9: compiles against the old version and not against the new.
package main

import p "example.com/xexp/variables"

var f = p.V9.M

func main() {}
