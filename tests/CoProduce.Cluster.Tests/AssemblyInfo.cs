// Every test here runs on the one fault server, and the fault test stops and starts it: a test starting
// beside it would see its own sessions ended. So these tests take turns.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
