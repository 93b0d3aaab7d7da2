package sub

// S is exported.
const S = 1
