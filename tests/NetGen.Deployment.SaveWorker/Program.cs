using System;
using NetGen.Deployment.SaveWorker;
using NetGen.Serialization;

// Usage: NetGen.Deployment.SaveWorker <checkpoint path>
// Saves network states A and B alternately to the path with NetworkFile.SaveFile, forever. Prints
// "ready" after the first complete save so that the parent knows the file exists.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: NetGen.Deployment.SaveWorker <checkpoint path>");
    return 2;
}

var states = new KillTestNet[KillTestNet.Seeds.Length];
for (int i = 0; i < states.Length; i++)
{
    states[i] = new KillTestNet(KillTestNet.Seeds[i]);
}

states[0].SaveFile(args[0]);
Console.WriteLine("ready");
Console.Out.Flush();
for (long save = 1; ; save++)
{
    states[save % states.Length].SaveFile(args[0]);
}
