using SurgeCollapse.Simd.Kernels;

Console.WriteLine(SimdCapabilities.Describe());
return 0;
