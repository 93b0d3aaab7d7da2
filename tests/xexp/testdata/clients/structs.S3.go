// A client of structs.S3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/structs"

// The field E promoted from an unexported embedded struct is gone.
var s p.S3
var e = s.E

func main() {}
