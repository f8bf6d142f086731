namespace CoProduce.Runtime.Grains;

/// <summary>Marker for every grain interface. A grain is a virtual actor addressed by interface and key.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain addressed by a <see cref="Guid"/> key.</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>A grain addressed by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain;
