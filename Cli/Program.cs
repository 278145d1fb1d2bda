return await OrleansBots.Cli.CliApp.RunAsync(args);
