// A client of splitting.SplitStruct: compiles against the old version and not against the new.
package main

import p "example.com/xexp/splitting"

// Collections and Databases had one type; now two.
var s p.SplitStruct

func init() { s.Collections = s.Databases }

func main() {}
