package p

import "strings"

type S struct{ W *strings.Builder }
