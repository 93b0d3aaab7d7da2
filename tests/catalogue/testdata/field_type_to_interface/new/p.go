package p

import "io"

type S struct{ W io.Writer }
