global using Microsoft.Extensions.Options;
global using Orleans;
global using Orleans.Runtime;
global using OrleansBots.Contracts.Mapping;
