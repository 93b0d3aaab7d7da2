package clients

import "github.com/rules-go-api/rules_go_api/internal/verdict"

// A Class names what a failing client shows: the kind of client that compiled against the old
// API and does not against the new one (a break), or, for the last three, what compiling the
// other way decided about a change no client breaks on. Why says what the client did.
type Class struct {
	Name    string
	Why     string
	Verdict verdict.Verdict
}

// The classes, one per kind of client the generator writes. docs/verdict.md lists them
// (generated from this table by dev/gen).
var (
	Removed = &Class{"removed",
		"a client that uses it no longer compiles: it is gone from the package", verdict.Breaking}
	KindChanged = &Class{"kind_changed",
		"it is no longer the kind of declaration it was (a constant, variable, function or type): a client that used it as one no longer compiles", verdict.Breaking}
	MemberRemoved = &Class{"member_removed",
		"a client that selects this field or method no longer compiles: the type no longer has it", verdict.Breaking}
	TypeChanged = &Class{"type_changed",
		"a client that spells its type no longer compiles: its type is not the one it was", verdict.Breaking}
	ConstantValueChanged = &Class{"constant_value_changed",
		"a client that relies on the constant's value no longer compiles (in a constant expression, a map key or an array length)", verdict.Breaking}
	ConstantTypeChanged = &Class{"constant_type_changed",
		"a client that uses the constant as a value of its old type, or of a type its untyped value fit, no longer compiles", verdict.Breaking}
	ConstantMadeUntyped = &Class{"constant_made_untyped",
		"a typed integer constant became untyped: in a shift by a variable it takes the type of its context and a client no longer compiles", verdict.Breaking}
	NotVariable = &Class{"not_a_variable",
		"a client that assigns to the variable or takes its address no longer compiles: it is no longer a variable", verdict.Breaking}
	KeyedLiteral = &Class{"keyed_literal_broken",
		"a client's keyed composite literal of the struct no longer compiles: the field is no longer the struct's own (promoted from an embedded field, or gone)", verdict.Breaking}
	ComparableLost = &Class{"comparable_lost",
		"a client that compares values of the type with == no longer compiles", verdict.Breaking}
	UnderlyingChanged = &Class{"underlying_type_changed",
		"a client that converts between the type and its old underlying type, or writes a composite literal of it, no longer compiles", verdict.Breaking}
	ValueRangeNarrowed = &Class{"value_range_narrowed",
		"a client that stores a constant of the old type's range or kind in a value of the type no longer compiles", verdict.Breaking}
	MethodSetShrunk = &Class{"method_set_shrunk",
		"a value of the type no longer has the method in its method set (a pointer receiver, or a method lost): a client that uses the value as an interface with that method, or the method expression, no longer compiles", verdict.Breaking}
	InterfaceNotImplementable = &Class{"interface_method_added",
		"a client type that implemented the interface no longer does (a method was added, or an unexported one seals it)", verdict.Breaking}
	ImplementationLost = &Class{"implementation_lost",
		"a type of the package no longer implements the package's interface: a client that assigned one to the other no longer compiles", verdict.Breaking}
	TypesMerged = &Class{"types_merged",
		"two types that were different are now the same one: a type switch with a case for each no longer compiles (duplicate case)", verdict.Breaking}
	TypesSplit = &Class{"types_split",
		"values that had one type now have two: a client that assigns one to the other, or passes one where the other is taken, no longer compiles", verdict.Breaking}
	ConstraintTightened = &Class{"constraint_tightened",
		"a type argument that satisfied the type parameter's constraint no longer does", verdict.Breaking}
	ConstraintRelaxed = &Class{"constraint_interface_relaxed",
		"a client's generic code constrained by this interface uses an operation that the interface's new type set no longer permits", verdict.Breaking}
	TypeParametersChanged = &Class{"type_parameters_changed",
		"a client that instantiates it with its old number of type arguments, or relies on them being inferred, no longer compiles", verdict.Breaking}
	ChannelDirectionChanged = &Class{"channel_direction_changed",
		"a client that sends to or receives from the channel no longer compiles", verdict.Breaking}
	PackageRemoved = &Class{"package_removed",
		"a client that imports the package no longer compiles: it is gone", verdict.Breaking}
)

// The classes of changes no client of the old API breaks on, decided by compiling the clients
// of the new API against the old one (tools/apidiff): what fails there grew.
var (
	ClientGained = &Class{"client_gained",
		"a client of the new API that uses it does not compile against the old one (type-checked): the API grew", verdict.Compatible}
	NoClientGains = &Class{"no_client_gains",
		"the lines read as an addition, but every client of the new API that uses them compiles against the old API too (type-checked)", verdict.None}
	PackageAdded = &Class{"package_added",
		"a package was added: no client of the old API imports it", verdict.Compatible}
	NoClientBreaks = &Class{"no_client_breaks",
		"the lines read as a break, but every client of the old API that uses them still compiles against the new API (type-checked)", verdict.None}
)

// Classes lists the table in the order docs/verdict.md shows it.
var Classes = []*Class{
	PackageRemoved, Removed, KindChanged, MemberRemoved, KeyedLiteral, TypeChanged, NotVariable, ConstantValueChanged,
	ConstantTypeChanged, ConstantMadeUntyped, ComparableLost, UnderlyingChanged, ValueRangeNarrowed,
	MethodSetShrunk, InterfaceNotImplementable, ImplementationLost, TypesMerged, TypesSplit,
	ConstraintTightened, ConstraintRelaxed, TypeParametersChanged, ChannelDirectionChanged,
	ClientGained, PackageAdded, NoClientGains, NoClientBreaks,
}
