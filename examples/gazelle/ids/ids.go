// Package ids makes request IDs. Its API names a type of another module (github.com/google/uuid),
// which bzlmod's go_deps or WORKSPACE's go_repository provides.
package ids

import "github.com/google/uuid"

// New returns a new random request ID.
func New() uuid.UUID { return uuid.New() }
