package p

import "strings"

type b = strings.Builder

type S struct{ W *b }
