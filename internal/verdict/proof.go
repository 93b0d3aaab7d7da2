package verdict

import (
	"slices"
	"strconv"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// A proof is a client program, package main, that compiled against the old API and does not
// compile against the new one. It is written from cmd/api's spelling of the old declaration:
// types are Go syntax there, except that the package's own types are not qualified (the proof
// qualifies them), other packages are named, not imported (the facts' "import" lines give their
// paths), and some types are abbreviated ("struct", an interface's method names): a declaration
// that mentions those, or an unexported type, gets no proof.

// proofBuilder collects the declarations and imports of one proof.
type proofBuilder struct {
	path    string            // the import path of the package under check
	alias   string            // the name the proof imports it as
	ctx     string            // the build context the proof is for ("" for all)
	paths   map[string]string // package name -> import path, from the facts
	imports map[string]string // name -> path, the imports the proof needs
	decls   []string
	failed  bool
}

// newProof starts the proof of a change of line's package, returning the name the program
// imports the package as.
func (c *classifier) newProof(line string) (string, *proofBuilder) {
	path, ctx, _, _ := apiformat.Split(line)
	b := &proofBuilder{path: path, ctx: ctx, paths: make(map[string]string), imports: make(map[string]string)}
	for name, ip := range c.importFacts()[path] {
		b.paths[name] = ip
	}
	b.alias = "p"
	for b.paths[b.alias] != "" {
		b.alias += "_"
	}
	return b.alias, b
}

// importFacts returns the import facts of every package (path -> name -> import path), read
// once: the new facts' over the old ones'.
func (c *classifier) importFacts() map[string]map[string]string {
	if c.imports != nil {
		return c.imports
	}
	c.imports = make(map[string]map[string]string)
	for _, facts := range [][]string{c.in.OldFacts, c.in.NewFacts} {
		for _, f := range facts {
			p, _, decl, _ := apiformat.Split(f)
			rest, ok := strings.CutPrefix(decl, "import ")
			if !ok {
				continue
			}
			name, quoted, _ := strings.Cut(rest, " ")
			if ip, err := strconv.Unquote(quoted); err == nil {
				if c.imports[p] == nil {
					c.imports[p] = make(map[string]string)
				}
				c.imports[p][name] = ip
			}
		}
	}
	return c.imports
}

func (b *proofBuilder) ok() bool { return !b.failed }

// decl adds a top-level declaration.
func (b *proofBuilder) decl(d string) { b.decls = append(b.decls, d) }

// String returns the program, or "" if some type could not be written.
func (b *proofBuilder) String() string {
	if b.failed || len(b.decls) == 0 {
		return ""
	}
	var s strings.Builder
	if b.ctx != "" {
		s.WriteString("// Build for " + b.ctx + ": the API differs in this context.\n")
	}
	s.WriteString("package main\n\nimport (\n\t" + b.alias + " " + strconv.Quote(b.path) + "\n")
	names := make([]string, 0, len(b.imports))
	for n := range b.imports {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		s.WriteString("\t" + n + " " + strconv.Quote(b.imports[n]) + "\n")
	}
	s.WriteString(")\n\n")
	for _, d := range b.decls {
		s.WriteString(d + "\n\n")
	}
	s.WriteString("func main() {}\n")
	return s.String()
}

// predeclared are the type names a proof writes as they are.
var predeclared = map[string]bool{
	"bool": true, "string": true, "error": true, "any": true, "comparable": true, "uintptr": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true, "byte": true, "rune": true,
}

// typ converts a type as cmd/api spells it into client syntax: the package's own exported types
// qualified, other packages' imported. Type parameters $N become TN. ok is false for what cannot
// be written (unexported types, abbreviated struct and interface types, untyped kinds).
func (b *proofBuilder) typ(s string) (string, bool) {
	var out strings.Builder
	for i := 0; i < len(s); {
		ch := s[i]
		switch {
		case ch == '$':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			out.WriteString("T" + s[i+1:j])
			i = j
		case isIdentStart(ch):
			j := i
			for j < len(s) && (isIdentStart(s[j]) || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			word := s[i:j]
			if j+1 < len(s) && s[j] == '.' && isIdentStart(s[j+1]) {
				k := j + 1
				for k < len(s) && (isIdentStart(s[k]) || s[k] >= '0' && s[k] <= '9') {
					k++
				}
				path := b.paths[word]
				if path == "" {
					path = word // a standard library package named as its path
				}
				if word == b.alias {
					return "", false
				}
				b.imports[word] = path
				out.WriteString(s[i:k])
				i = k
				continue
			}
			switch {
			case word == "func" || word == "chan" || word == "map":
				out.WriteString(word)
			case word == "interface" && strings.HasPrefix(s[j:], "{}"):
				out.WriteString(word)
			case predeclared[word]:
				out.WriteString(word)
			case word[0] >= 'A' && word[0] <= 'Z':
				out.WriteString(b.alias + "." + word)
			default:
				return "", false // struct, interface{ ... }, ideal-*, an unexported type
			}
			i = j
		default:
			if ch == '-' {
				return "", false
			}
			out.WriteByte(ch)
			i++
		}
	}
	return out.String(), true
}

func isIdentStart(ch byte) bool {
	return ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z'
}

// withProof builds a proof for line with write, which adds declarations given the package's name.
func (c *classifier) withProof(line string, write func(b *proofBuilder, p string) bool) string {
	p, b := c.newProof(line)
	if !write(b, p) {
		return ""
	}
	return b.String()
}

// funcType returns, in client syntax, the function type of a signature as cmd/api writes it
// after a name ("(int, string) (int, error)"), with recv, unless "", as its first parameter: the
// type of a method expression.
func (b *proofBuilder) funcType(sig, recv string) (string, bool) {
	t, ok := b.typ("func" + sig)
	if !ok || recv == "" {
		return t, ok
	}
	if inner := strings.TrimPrefix(t, "func("); strings.HasPrefix(inner, ")") {
		return "func(" + recv + inner, true
	}
	return "func(" + recv + ", " + strings.TrimPrefix(t, "func("), true
}

// proof returns the proof that the old line r (removed, or changed into a) breaks a client.
func (c *classifier) proof(r, a string) string {
	p, b := c.newProof(r)
	_, decl := parts(r)
	_, to := parts(a)
	kind, rest, _ := strings.Cut(decl, " ")
	switch kind {
	case "func":
		name, sig, _ := strings.Cut(rest, "(")
		if strings.Contains(name, "[") {
			return ""
		}
		if a == "" {
			b.decl("var _ = " + p + "." + name)
			break
		}
		t, ok := b.typ("func(" + sig)
		if !ok {
			return ""
		}
		b.decl("var _ " + t + " = " + p + "." + name)
	case "var":
		name, typ, _ := strings.Cut(rest, " ")
		if a == "" {
			b.decl("var _ = &" + p + "." + name)
			break
		}
		t, ok := b.typ(typ)
		if !ok {
			return ""
		}
		b.decl("var _ *" + t + " = &" + p + "." + name)
	case "const":
		name, tail, _ := strings.Cut(rest, " ")
		switch {
		case a == "":
			b.decl("const _ = " + p + "." + name)
		case strings.HasPrefix(tail, "= "):
			value := strings.TrimPrefix(tail, "= ")
			if short, exact, ok := strings.Cut(value, "  // "); ok {
				_, value = short, exact
			}
			// A map literal with two equal constant keys does not compile.
			b.decl("var _ = map[bool]int{" + p + "." + name + " == " + value + ": 0, false: 1}")
		case strings.HasPrefix(tail, "ideal-"):
			def := map[string]string{"ideal-int": "int", "ideal-float": "float64", "ideal-char": "rune",
				"ideal-complex": "complex128", "ideal-string": "string", "ideal-bool": "bool"}[tail]
			if def == "" {
				return ""
			}
			// An untyped constant converts to any type of its kind; a typed one only to its own.
			b.decl("type local " + def)
			b.decl("var _ local = " + p + "." + name)
		default:
			t, ok := b.typ(tail)
			if !ok {
				return ""
			}
			b.decl("var _ " + t + " = " + p + "." + name)
		}
	case "method":
		recv, m, ok := cutMethod(decl)
		if !ok || strings.Contains(recv, "[") {
			return ""
		}
		expr, rt := p+"."+recv, p+"."+recv
		if star, ok := strings.CutPrefix(recv, "*"); ok {
			expr, rt = "(*"+p+"."+star+")", "*"+p+"."+star
		}
		name, sig, _ := strings.Cut(m, "(")
		if a == "" || strings.HasPrefix(to, "method (*") && !strings.HasPrefix(recv, "*") {
			b.decl("var _ = " + expr + "." + name)
			break
		}
		t, ok := b.funcType("("+sig, rt)
		if !ok {
			return ""
		}
		b.decl("var _ " + t + " = " + expr + "." + name)
	case "type":
		return c.typeProof(b, p, r, rest, a)
	default:
		return ""
	}
	return b.String()
}

// typeProof proves the removal or change of a type line: the type itself, a struct's field or
// an interface's method.
func (c *classifier) typeProof(b *proofBuilder, p, r, rest, a string) string {
	head, _ := parts(r)
	if name, member, ok := strings.Cut(rest, " struct, "); ok {
		if strings.Contains(name, "[") {
			return ""
		}
		field, typ, _ := strings.Cut(member, " ")
		if field == "embedded" {
			field = typ[strings.LastIndexAny(typ, "*.")+1:]
			typ = ""
		}
		if a == "" || typ == "" {
			b.decl("var _ = func(v *" + p + "." + name + ") interface{} { return &v." + field + " }")
			return b.String()
		}
		t, ok := b.typ(typ)
		if !ok {
			return ""
		}
		b.decl("var _ = func(v *" + p + "." + name + ") *" + t + " { return &v." + field + " }")
		return b.String()
	}
	if name, member, ok := strings.Cut(rest, " interface, "); ok {
		if strings.Contains(name, "[") {
			return ""
		}
		m, sig, _ := strings.Cut(member, "(")
		if a == "" {
			b.decl("var _ = " + p + "." + name + "." + m)
			return b.String()
		}
		t, ok := b.funcType("("+sig, p+"."+name)
		if !ok {
			return ""
		}
		b.decl("var _ " + t + " = " + p + "." + name + "." + m)
		return b.String()
	}
	name, under, _ := strings.Cut(rest, " ")
	if strings.Contains(name, "[") {
		return ""
	}
	if a == "" {
		if c.isConstraint(head, name) {
			// A constraint is no type for a value; a type parameter can have it.
			b.decl("func _[T " + p + "." + name + "]() {}")
		} else {
			b.decl("var _ *" + p + "." + name)
		}
		return b.String()
	}
	if target, ok := strings.CutPrefix(under, "= "); ok {
		t, ok := b.typ(target)
		if !ok {
			return ""
		}
		b.decl("var _ = func(v " + t + ") " + p + "." + name + " { return v }")
		return b.String()
	}
	if t, ok := b.typ(under); ok {
		b.decl("var _ = func(v *" + p + "." + name + ") *" + t + " { return (*" + t + ")(v) }")
		return b.String()
	}
	// A struct or interface became something else: a member the old type had proves it.
	for _, o := range c.in.OldLines {
		if strings.HasPrefix(o, head+"type "+name+" struct, ") || strings.HasPrefix(o, head+"type "+name+" interface, ") {
			if !strings.HasSuffix(o, "unexported methods") {
				return c.proof(o, "")
			}
		}
	}
	return ""
}

// isConstraint reports whether the old facts say the interface name is a constraint.
func (c *classifier) isConstraint(head, name string) bool {
	prefix := head + "type " + name + " interface, typeset "
	return slices.ContainsFunc(c.in.OldFacts, func(f string) bool { return strings.HasPrefix(f, prefix) })
}

// implementProof proves that the interface name lost implementations: a client type with the
// old method set implemented it.
func (c *classifier) implementProof(head, name string) string {
	p, b := c.newProof(head + "x")
	var methods []string
	prefix := head + "type " + name + " interface, "
	for _, o := range c.in.OldLines {
		member, ok := strings.CutPrefix(o, prefix)
		if !ok {
			continue
		}
		if member == "unexported methods" {
			return ""
		}
		m, sig, _ := strings.Cut(member, "(")
		t, ok := b.funcType("("+sig, "")
		if !ok {
			return ""
		}
		methods = append(methods, "func (impl) "+m+strings.TrimPrefix(t, "func")+" { panic(0) }")
	}
	slices.Sort(methods)
	b.decl("type impl struct{}")
	for _, m := range methods {
		b.decl(m)
	}
	b.decl("var _ " + p + "." + name + " = impl{}")
	return b.String()
}

// constraint returns a type-set fact as a Go constraint, for a client's type parameter.
func (b *proofBuilder) constraint(ts string) (string, bool) {
	if ts == "any" {
		return "any", true
	}
	methods, comparable, terms := typeSetParts(ts)
	var elems []string
	for m := range methods {
		name, sig, _ := strings.Cut(m, "(")
		t, ok := b.funcType("("+sig, "")
		if !ok {
			return "", false
		}
		elems = append(elems, name+strings.TrimPrefix(t, "func"))
	}
	slices.Sort(elems)
	if comparable {
		elems = append(elems, "comparable")
	}
	if terms != nil {
		var ts []string
		for _, t := range terms {
			tilde := strings.HasPrefix(t, "~")
			w, ok := b.typ(strings.TrimPrefix(t, "~"))
			if !ok {
				return "", false
			}
			if tilde {
				w = "~" + w
			}
			ts = append(ts, w)
		}
		if len(ts) == 0 {
			return "", false
		}
		elems = append(elems, strings.Join(ts, " | "))
	}
	return "interface{ " + strings.Join(elems, "; ") + " }", true
}

// oldTypeParams returns the old type sets of decl's type parameters as constraints.
func (c *classifier) oldTypeParams(b *proofBuilder, decl string) ([]string, bool) {
	prefix := decl + ", type parameter $"
	byIndex := make(map[int]string)
	for _, f := range c.in.OldFacts {
		if rest, ok := strings.CutPrefix(f, prefix); ok {
			n, ts, _ := strings.Cut(rest, " typeset ")
			i, err := strconv.Atoi(n)
			if err != nil {
				return nil, false
			}
			ct, ok := b.constraint(ts)
			if !ok {
				return nil, false
			}
			byIndex[i] = ct
		}
	}
	out := make([]string, len(byIndex))
	for i := range out {
		ct, ok := byIndex[i]
		if !ok {
			return nil, false
		}
		out[i] = "T" + strconv.Itoa(i) + " " + ct
	}
	return out, len(out) > 0
}

// instantiateProof proves that a generic function or type (decl: "pkg p, func F") no longer
// accepts the type arguments it did: a client instantiates it with type parameters constrained
// by its old type sets.
func (c *classifier) instantiateProof(decl string) string {
	p, b := c.newProof(decl)
	_, d := parts(decl)
	kind, name, _ := strings.Cut(d, " ")
	params, ok := c.oldTypeParams(b, decl)
	if !ok {
		return ""
	}
	args := make([]string, len(params))
	for i := range args {
		args[i] = "T" + strconv.Itoa(i)
	}
	use := "_ = " + p + "." + name + "[" + strings.Join(args, ", ") + "]"
	if kind == "type" {
		use = "var _ " + p + "." + name + "[" + strings.Join(args, ", ") + "]"
	}
	b.decl("func _[" + strings.Join(params, ", ") + "]() {\n\t" + use + "\n}")
	return b.String()
}

// constraintProof proves that a constraint interface's type set changed: a client's type
// parameter constrained by the old type set satisfies it, and one constrained by it satisfies
// the old type set, only while the two are equal.
func (c *classifier) constraintProof(fact string) string {
	p, b := c.newProof(fact)
	_, d := parts(fact)
	name, ts, _ := strings.Cut(strings.TrimPrefix(d, "type "), " interface, typeset ")
	old, ok := b.constraint(ts)
	if !ok {
		return ""
	}
	b.decl("func accepts[T " + p + "." + name + "]() {}")
	b.decl("func acceptsOld[T " + old + "]() {}")
	b.decl("func _[T " + old + "]() { accepts[T]() }")
	b.decl("func _[T " + p + "." + name + "]() { acceptsOld[T]() }")
	return b.String()
}

// unexportedProof proves that an unexported type the API reaches lost a field or method: a
// client reaches it through a function's result or a variable and uses the member.
func (c *classifier) unexportedProof(fact string) string {
	head, d := parts(fact)
	d = strings.TrimPrefix(d, "unexported, ")
	var typeName, member string
	switch {
	case strings.HasPrefix(d, "method ("):
		recv, m, _ := cutMethod(d)
		typeName, member = strings.TrimPrefix(recv, "*"), m[:strings.IndexByte(m, '(')]
	case strings.Contains(d, " struct, "):
		n, f, _ := strings.Cut(strings.TrimPrefix(d, "type "), " struct, ")
		f = strings.TrimPrefix(f, "promoted field ")
		typeName, member = n, f[:max(strings.IndexByte(f, ' '), 0)]
	}
	if typeName == "" || member == "" || member == "embedded" {
		return ""
	}
	p, b := c.newProof(fact)
	for _, o := range c.in.OldLines {
		_, od := parts(o)
		if !strings.HasPrefix(o, head) {
			continue
		}
		if rest, ok := strings.CutPrefix(od, "func "); ok {
			name, sig, _ := strings.Cut(rest, "(")
			if strings.HasPrefix(sig, ") ") && (sig[2:] == typeName || sig[2:] == "*"+typeName) && !strings.Contains(name, "[") {
				b.decl("var _ = func() interface{} { return " + p + "." + name + "()." + member + " }")
				return b.String()
			}
		}
		if rest, ok := strings.CutPrefix(od, "var "); ok {
			name, typ, _ := strings.Cut(rest, " ")
			if typ == typeName || typ == "*"+typeName {
				b.decl("var _ = func() interface{} { return " + p + "." + name + "." + member + " }")
				return b.String()
			}
		}
	}
	return ""
}
