package p

import (
	"io"
	"strings"
)

func F() io.Writer { return new(strings.Builder) }
