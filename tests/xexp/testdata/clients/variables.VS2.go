// A client of variables.VS2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/variables"

var b = p.VS2.B

func main() {}
