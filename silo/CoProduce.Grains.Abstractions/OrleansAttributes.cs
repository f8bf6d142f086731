// Orleans' serialization attributes, named here once so that no contract file needs `using Orleans;`: that
// namespace also holds IGrain, IGrainFactory and friends, which would clash with CoProduce.Runtime.Grains
// for as long as the grains still run on the home-made runtime.
global using AliasAttribute = Orleans.AliasAttribute;
global using GenerateSerializerAttribute = Orleans.GenerateSerializerAttribute;
global using IdAttribute = Orleans.IdAttribute;
global using ImmutableAttribute = Orleans.ImmutableAttribute;
