package m

// Root is in the root package.
func Root() {}
