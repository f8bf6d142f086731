using CoProduce.PayoutBench;

return await PayoutBenchmark.RunAsync(args);
