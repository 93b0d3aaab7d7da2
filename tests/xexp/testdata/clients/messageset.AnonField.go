// A client of messageset.AnonField: compiles against the old version and not against the new.
package main

import p "example.com/xexp/messageset"

var a p.AnonField
var x = a.Inner.X

func main() {}
