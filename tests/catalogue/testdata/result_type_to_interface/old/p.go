package p

import "strings"

func F() *strings.Builder { return new(strings.Builder) }
