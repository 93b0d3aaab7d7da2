package legacy

func Old() {}
