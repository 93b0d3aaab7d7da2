package renamed

func C() {}
