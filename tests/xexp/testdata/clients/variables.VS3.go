// A client of variables.VS3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/variables"

func init() { p.VS3 = struct{ A, B int }{1, 2} }

func main() {}
