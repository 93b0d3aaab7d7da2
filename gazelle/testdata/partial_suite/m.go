package m

// M is exported.
const M = 1
