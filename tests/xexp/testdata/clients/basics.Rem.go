// A client of basics.Rem: compiles against the old version and not against the new.
package main

import p "example.com/xexp/basics"

var _ p.Rem

func main() {}
