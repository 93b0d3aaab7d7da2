package p

func G() {}
