// A client of splitting.ESplit: compiles against the old version and not against the new.
package main

import p "example.com/xexp/splitting"

var e p.ESplit

func main() {}
