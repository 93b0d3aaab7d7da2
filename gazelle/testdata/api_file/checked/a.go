package checked

func A() {}
