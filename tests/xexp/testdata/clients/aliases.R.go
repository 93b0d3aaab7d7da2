// A client of aliases.R: compiles against the old version and not against the new.
package main

import p "example.com/xexp/aliases"

// R lost its methods M and P.
var r p.R
var _ = r.M
var _ = (*p.R).P

func main() {}
