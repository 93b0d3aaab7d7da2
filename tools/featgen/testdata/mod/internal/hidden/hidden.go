package hidden

func Internal() {}
