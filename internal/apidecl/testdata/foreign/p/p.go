package p

import "example.com/all/foreign/q"

// The variables' types are q's, spelled nowhere in p: an unexported type, a struct literal with
// q's unexported field, an interface literal with q's unexported method, a generic unexported
// type.
var (
	V = q.New()
	L = q.Lit()
	I = q.Iface()
	G = q.NewG[int]()
)
