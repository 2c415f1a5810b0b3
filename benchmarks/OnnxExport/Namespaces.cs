// The benchmark is compiled against two revisions: WideResNetPlanner lives in ShapeDnn.DesignSpace
// before the network families and in ShapeDnn.Families after them. Declaring the newer namespace
// here lets Program.cs import both in either revision.
namespace ShapeDnn.Families
{
}
