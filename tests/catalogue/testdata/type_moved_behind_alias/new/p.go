package p

import "example.com/cat/q"

type T = q.T
